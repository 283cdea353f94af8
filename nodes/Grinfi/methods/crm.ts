/** Resource-locator searches and option lists for the CRM resources. */
export const crmListSearch = {};
export const crmLoadOptions = {};
