import type { Me } from '@liandong/domain/auth/contracts';
import { type QueryClient, useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { api } from '../api/client';

export const ME_KEY = ['me'] as const;

/** GET /api/v1/me: the account, roles, org, restriction, scope summary and unread inbox count. */
export function useMeQuery() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: ({ signal }) => api.get<Me>('/api/v1/me', undefined, signal),
    staleTime: 30_000,
    // No background polling: a timer would keep the session alive and defeat the idle timeout (等保).
    // The layout refreshes /me on navigation instead, and when the window regains focus.
    refetchOnWindowFocus: true,
    retry: false,
  });
}

/** Reloads /me now (after TOTP enrolment or a password change lifts a restriction). */
export function refreshMe(queryClient: QueryClient): Promise<Me> {
  return queryClient.fetchQuery({ queryKey: ME_KEY, queryFn: () => api.get<Me>('/api/v1/me'), staleTime: 0 });
}

const MeContext = createContext<Me | null>(null);
export const MeProvider = MeContext.Provider;

/** The signed-in user inside the layout (the layout renders nothing until /me has answered). */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside the signed-in layout');
  return me;
}

/** 演示数据: the demo loader names the commission so that nobody mistakes it for real records. */
export function isDemoCommission(me: Me): boolean {
  return me.user.commission.nameZh.includes('演示数据');
}
