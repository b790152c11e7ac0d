import { DomainError } from '../domain-error.ts';
import { type DomainPattern, hostAllowed, parseDomainPatterns } from './return-target.ts';

/**
 * `FORWARD_AUTH_RULES`: which security access groups may enter each application, e.g.
 * `grafana.example.com=Admin|Agent;wiki.example.com=*`. An application without a rule is open to
 * every user with a full session. Pure.
 */
export interface AppRule {
  app: DomainPattern;
  /** Lower-case group names; null for `*` (every group). */
  groups: readonly string[] | null;
}

const malformed = (entry: string, why: string) =>
  new DomainError(
    'invalid',
    'app_rule_invalid',
    `"${entry}" is not a rule: ${why} (write host=Group|Group or host=*, rules separated by ;).`,
  );

export function parseAppRules(text: string): AppRule[] {
  const entries = text
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const rules = entries.map((entry): AppRule => {
    const eq = entry.indexOf('=');
    if (eq < 0) throw malformed(entry, 'no "="');
    const [app] = parseDomainPatterns(entry.slice(0, eq));
    const list = entry.slice(eq + 1).trim();
    if (list === '*') return { app: app as DomainPattern, groups: null };
    const groups = list.split('|').map((name) => name.trim().toLowerCase());
    if (groups.some((name) => name === '' || name === '*')) throw malformed(entry, 'a group name is missing');
    return { app: app as DomainPattern, groups };
  });
  const seen = new Set<string>();
  for (const { app } of rules) {
    const key = `${app.subdomains ? '*.' : ''}${app.host}`;
    if (seen.has(key)) {
      throw new DomainError('invalid', 'app_rule_invalid', `${key} has a rule twice; keep one.`);
    }
    seen.add(key);
  }
  return rules;
}

/** The rule for a lower-case host: the one naming it exactly, else the first wildcard that covers it. */
export function ruleFor(rules: readonly AppRule[], host: string): AppRule | undefined {
  return (
    rules.find((rule) => !rule.app.subdomains && rule.app.host === host) ??
    rules.find((rule) => rule.app.subdomains && hostAllowed(host, [rule.app]))
  );
}

/** Whether a member of `group` may enter the application at `host`. */
export function groupMayEnter(rules: readonly AppRule[], host: string, group: string): boolean {
  const rule = ruleFor(rules, host);
  return !rule || rule.groups === null || rule.groups.includes(group.toLowerCase());
}
