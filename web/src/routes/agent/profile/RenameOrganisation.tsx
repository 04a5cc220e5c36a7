import { TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { organisationBody } from '../../../../../common/api';
import type { OrganisationProfile } from '../../../../../common/profiles';
import { send } from '../../../api/client';
import { ModalForm, useContractForm } from '../../../components/ModalForm';

/** An administrator renames the organisation from its page (as in Admin › Organisations). */
export function RenameOrganisation({
  profile: p,
  onClose,
}: {
  profile: OrganisationProfile;
  onClose: () => void;
}) {
  const o = p.organisation;
  const qc = useQueryClient();
  const intl = useIntl();
  const form = useContractForm(organisationBody, { name: o.name });
  const save = useMutation({
    mutationFn: (body: { name: string }) => send('PATCH /organisations/:id', { params: { id: o.id }, body }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['profiles'] });
      await qc.invalidateQueries({ queryKey: ['organisations'] });
      await qc.invalidateQueries({ queryKey: ['tickets'] });
      onClose();
    },
  });
  return (
    <ModalForm
      opened
      onClose={onClose}
      title={intl.formatMessage({
        id: 'agent.organisation.renameTitle',
        defaultMessage: 'Rename the organisation',
      })}
      form={form}
      save={save}
      submitLabel={intl.formatMessage({ id: 'agent.organisation.save', defaultMessage: 'Save' })}
      toBody={(v) => (v.name.trim() === o.name ? null : { name: v.name })}
    >
      <TextInput
        label={intl.formatMessage({ id: 'agent.organisation.name', defaultMessage: 'Name' })}
        required
        data-autofocus
        {...form.getInputProps('name')}
      />
    </ModalForm>
  );
}
