// n8n loads this package through the "n8n" block of package.json (nodes and credentials under dist/).
module.exports = {};
