import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { ApiError, type SendBody, send } from '../../../api/client';
import { t } from '../../../i18n/t';
import { ticketRef } from '../../../lib/format';
import { errorsOfRefusal } from './draft';

/**
 * Sends the ticket; once created, says so and opens it (on the staff side for staff). A refusal
 * the server explains field by field goes to onRefused, to show beside the fields.
 */
export function useCreateTicket(
  staff: boolean,
  onRefused: (refused: ReturnType<typeof errorsOfRefusal>) => void,
) {
  const navigate = useNavigate();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SendBody<'POST /tickets'>) => send('POST /tickets', { body }),
    onSuccess: (ticket) => {
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      notifications.show({
        color: 'green',
        title: t(
          { id: 'portal.new.created', defaultMessage: 'Ticket {ref} created' },
          { ref: ticketRef(ticket.number) },
        ),
        message: staff
          ? t(
              {
                id: 'portal.new.createdForCustomer',
                defaultMessage: 'Opened for {name}, who is told as for any ticket of theirs.',
              },
              { name: ticket.requester.name },
            )
          : t({
              id: 'portal.new.createdText',
              defaultMessage: 'Our team will answer here and by notification.',
            }),
      });
      void navigate({
        to: staff ? '/agent/tickets/$number' : '/tickets/$number',
        params: { number: String(ticket.number) },
      });
    },
    onError: (e) => {
      if (e instanceof ApiError) onRefused(errorsOfRefusal(e));
    },
  });
}
