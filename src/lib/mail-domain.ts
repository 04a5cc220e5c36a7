/** The domain of a mail address, lower-case: `ana@Example.com` → `example.com`. */
export const mailDomain = (address: string): string =>
  address.slice(address.lastIndexOf('@') + 1).toLowerCase();
