/** Resource-locator searches and option lists for the outreach resources. */
export const outreachListSearch = {};
export const outreachLoadOptions = {};
