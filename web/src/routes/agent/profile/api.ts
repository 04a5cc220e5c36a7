import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get } from '../../../api/client';

// The profile pages' data: one request each, refreshed after every change made on them.

export const profileKeys = {
  customer: (id: string) => ['profiles', 'customer', id] as const,
  organisation: (id: string) => ['profiles', 'organisation', id] as const,
};

export const useCustomerProfile = (id: string) =>
  useQuery({
    queryKey: profileKeys.customer(id),
    queryFn: () => get('/customers/:id/profile', { params: { id } }),
  });

export const useOrganisationProfile = (id: string) =>
  useQuery({
    queryKey: profileKeys.organisation(id),
    queryFn: () => get('/organisations/:id/profile', { params: { id } }),
  });

/** A change to a customer's profile: afterwards their profile, and any ticket list naming them, are read again. */
export function useProfileChange<Body, Result>(customerId: string, run: (body: Body) => Promise<Result>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['profiles'] });
      await qc.invalidateQueries({ queryKey: ['tickets'] });
      await qc.invalidateQueries({ queryKey: profileKeys.customer(customerId) });
    },
  });
}
