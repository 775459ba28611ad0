import type { SignedIn } from './middleware/auth';

/** What the layout shows of the signed-in user: an email for the header and the links their role may use. */
export interface NavigationView {
  email: string;
  organisation: string;
  links: Array<{ href: string; label: string; current: boolean }>;
}

export function presentNavigation(s: SignedIn | undefined, currentPath: string): NavigationView | null {
  if (!s) return null;
  const links = [
    { href: '/lookup', label: 'Check a client' },
    { href: '/rosters', label: 'Check a roster' },
    ...(s.user.role === 'admin'
      ? [
          { href: '/admin', label: 'Administration' },
          { href: '/admin/users', label: 'Users' },
          { href: '/admin/usage', label: 'Usage' },
        ]
      : []),
    { href: '/account', label: 'Your account' },
  ];
  return { email: s.user.email, organisation: s.org.name, links: links.map((l) => ({ ...l, current: l.href === currentPath })) };
}
