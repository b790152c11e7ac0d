import type { ComponentChildren } from 'preact';
import { Link } from '../../router.tsx';

const sections = [
  { href: '/admin/users', name: 'Users' },
  { href: '/admin/groups', name: 'Security Access Groups' },
  { href: '/admin/settings', name: 'System Settings' },
  { href: '/admin/notification-template', name: 'Notification template' },
  { href: '/admin/api-keys', name: 'API keys' },
  { href: '/admin/oidc', name: 'OpenID Connect' },
  { href: '/admin/audit', name: 'Audit log' },
];

/** The admin console: its sections as tabs, then the section's page. */
export function AdminLayout({ path, children }: { path: string; children: ComponentChildren }) {
  return (
    <div class="page admin">
      <nav class="admin-nav" aria-label="Administration">
        {sections.map((section) => (
          <Link
            key={section.href}
            href={section.href}
            aria-current={path === section.href || path.startsWith(`${section.href}/`) ? 'page' : undefined}
          >
            {section.name}
          </Link>
        ))}
      </nav>
      <div class="admin-body">{children}</div>
    </div>
  );
}
