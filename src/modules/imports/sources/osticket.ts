// Reads an osTicket 1.17/1.18 installation straight from its MariaDB/MySQL database, as import
// records (model.ts). Read-only: it never writes to the osTicket database.
import type { ImportSource } from '../model.js';
import { connectOsTicket } from './osticket/db.js';
import {
  type OstField,
  readCustomers,
  readDepartments,
  readFields,
  readOrganisations,
  readStaff,
  readStatuses,
  readTopics,
} from './osticket/reference.js';
import { ticketReader } from './osticket/tickets.js';

export type OsTicketOptions = {
  /** mysql://user:password@host:3306/database */
  url: string;
  /** The installation's table prefix (TABLE_PREFIX in ost-config.php). */
  prefix?: string;
  /** The storage-fs plugin's base folder, for files kept on disk rather than in the database. */
  attachmentsDir?: string | null;
  /** Tickets per page. */
  pageSize?: number;
};

/** Opens an osTicket database; refuses with a readable message when it cannot be read or is not osTicket. */
export async function openOsTicket(options: OsTicketOptions): Promise<ImportSource> {
  const db = await connectOsTicket({ url: options.url, prefix: options.prefix });
  let fields: Promise<OstField[]> | null = null;
  const customFields = () => {
    fields ??= readFields(db).catch((err) => {
      fields = null;
      throw err;
    });
    return fields;
  };
  const reader = ticketReader(db, customFields, {
    pageSize: Math.max(1, Math.floor(options.pageSize ?? 200)),
    attachmentsDir: options.attachmentsDir ?? null,
  });
  return {
    name: db.name,
    organisations: () => readOrganisations(db),
    departments: () => readDepartments(db),
    staff: () => readStaff(db),
    customers: () => readCustomers(db),
    statuses: () => readStatuses(db),
    topics: () => readTopics(db),
    fields: async () => (await customFields()).map(({ type: _type, multiselect: _multi, ...field }) => field),
    tickets: reader.tickets,
    countTickets: reader.countTickets,
    close: () => db.close(),
  };
}
