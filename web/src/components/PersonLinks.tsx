import { Text } from '@mantine/core';
import { AnchorLink } from './links';

// A ticket's requester and organisation as links to their profiles, wherever staff see them.

type Named = { id: string; name: string };

export function RequesterLink({ person }: { person: Named }) {
  return (
    <AnchorLink to="/agent/customers/$id" params={{ id: person.id }} inherit>
      {person.name}
    </AnchorLink>
  );
}

export function OrganisationLink({ organisation }: { organisation: Named }) {
  return (
    <AnchorLink to="/agent/organisations/$id" params={{ id: organisation.id }} inherit>
      {organisation.name}
    </AnchorLink>
  );
}

/** "Name · Organisation" as links, for a ticket's line of who asked. */
export function RequesterLine({ requester, organisation }: { requester: Named; organisation: Named | null }) {
  return (
    <Text span inherit>
      <RequesterLink person={requester} />
      {organisation && (
        <>
          {' · '}
          <OrganisationLink organisation={organisation} />
        </>
      )}
    </Text>
  );
}
