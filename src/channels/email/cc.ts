import type { AddressObject, ParsedMail } from 'mailparser';
import type { Ctx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { type CcAddress, ccFromRequesterMail } from '../../modules/participants/participants.service.js';
import type { TicketView } from '../../modules/ticket-data/tickets.repository.js';
import { isOwnAddress } from './trust.js';

/** The people a mail was written to (To and Cc; never the envelope, which holds Bcc), with their names. */
export function writtenTo(mail: ParsedMail): CcAddress[] {
  const list = (field: AddressObject | AddressObject[] | undefined) =>
    (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value);
  return [...list(mail.to), ...list(mail.cc)].flatMap((v) =>
    v.address ? [{ address: v.address, name: v.name || null }] : [],
  );
}

/**
 * What a mail's message does in its transaction: a mail from the ticket's requester sets the
 * ticket's CC list to whom it was written (see ccFromRequesterMail).
 */
export function keepCcList(ctx: Ctx, mail: ParsedMail, authorId: string) {
  return (trx: Executor, posted: { ticket: TicketView; messageId: string }) =>
    ccFromRequesterMail(
      trx,
      ctx,
      {
        ticketId: posted.ticket.id,
        requesterId: posted.ticket.requester_id,
        authorId,
        messageId: posted.messageId,
      },
      writtenTo(mail),
      (address) => isOwnAddress(ctx.config, address),
    );
}
