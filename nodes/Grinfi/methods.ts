/** listSearch and loadOptions methods of the Grinfi node, one object per part. */
export { crmListSearch, crmLoadOptions } from './methods/crm';
export { outreachListSearch, outreachLoadOptions } from './methods/outreach';
