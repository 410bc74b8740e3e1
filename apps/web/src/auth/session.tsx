import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, tokenStore } from '../api/client';
import { useOrganisations } from '../api/queries';
import type { LoginResult, OrganizationNode, PublicUser, Role } from '../api/types';

const USER_KEY = 'ket-nap.user';

interface Session {
  user: PublicUser | null;
  /** The user's scope organisation (the root of their tree), once read. */
  organisation: OrganizationNode | null;
  hasRole: (...roles: Role[]) => boolean;
  login: (username: string, password: string) => Promise<void>;
  logout: () => void;
}

const SessionContext = createContext<Session | null>(null);

function storedUser(): PublicUser | null {
  if (!tokenStore.get()) return null;
  try {
    return JSON.parse(localStorage.getItem(USER_KEY) ?? 'null');
  } catch {
    return null;
  }
}

/** Who is logged in: the token and the user kept in this browser until logout or until the server refuses it. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<PublicUser | null>(storedUser);
  const queryClient = useQueryClient();

  const logout = useCallback(() => {
    tokenStore.clear();
    localStorage.removeItem(USER_KEY);
    queryClient.clear();
    setUser(null);
  }, [queryClient]);

  useEffect(() => {
    tokenStore.onUnauthorized(logout);
  }, [logout]);

  const login = useCallback(
    async (username: string, password: string) => {
      const result = await api<LoginResult>('/auth/login', { body: { username, password } });
      queryClient.clear();
      tokenStore.set(result.accessToken);
      localStorage.setItem(USER_KEY, JSON.stringify(result.user));
      setUser(result.user);
    },
    [queryClient],
  );

  const tree = useOrganisations(user !== null);
  const organisation = useMemo(
    () => (user?.scopeOrgId ? (findOrganisation(tree.data ?? [], user.scopeOrgId) ?? null) : null),
    [tree.data, user],
  );

  const session = useMemo<Session>(
    () => ({
      user,
      organisation,
      hasRole: (...roles) => !!user && roles.some((role) => user.roles.includes(role)),
      login,
      logout,
    }),
    [user, organisation, login, logout],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

export function findOrganisation(nodes: OrganizationNode[], id: string): OrganizationNode | undefined {
  for (const node of nodes) {
    if (node.id === id) return node;
    const found = findOrganisation(node.children, id);
    if (found) return found;
  }
  return undefined;
}

/** Every organisation of the tree, parents first, each with its depth (for indented pickers). */
export function flattenOrganisations(nodes: OrganizationNode[], depth = 0): (OrganizationNode & { depth: number })[] {
  return nodes.flatMap((node) => [{ ...node, depth }, ...flattenOrganisations(node.children, depth + 1)]);
}
