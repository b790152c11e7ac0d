import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error.ts';
import { groupMayEnter, parseAppRules } from './app-rules.ts';

describe('per-application rules', () => {
  const rules = parseAppRules(
    'grafana.example.test=Admin|Agent; wiki.example.test=*; *.ops.example.test=Admin',
  );

  it('lets only the listed groups into an application, whatever the case of the name', () => {
    expect(groupMayEnter(rules, 'grafana.example.test', 'Agent')).toBe(true);
    expect(groupMayEnter(rules, 'grafana.example.test', 'admin')).toBe(true);
    expect(groupMayEnter(rules, 'grafana.example.test', 'Contractor')).toBe(false);
    expect(groupMayEnter(rules, 'db.ops.example.test', 'Agent')).toBe(false);
    expect(groupMayEnter(rules, 'db.ops.example.test', 'Admin')).toBe(true);
  });

  it('lets every signed-in user into an application marked * or without a rule', () => {
    expect(groupMayEnter(rules, 'wiki.example.test', 'Contractor')).toBe(true);
    expect(groupMayEnter(rules, 'other.example.test', 'Contractor')).toBe(true);
    expect(groupMayEnter(parseAppRules(''), 'grafana.example.test', 'Contractor')).toBe(true);
  });

  it('prefers the rule naming the exact host over a wildcard', () => {
    const both = parseAppRules('*.example.test=Admin;wiki.example.test=*');
    expect(groupMayEnter(both, 'wiki.example.test', 'Agent')).toBe(true);
    expect(groupMayEnter(both, 'grafana.example.test', 'Agent')).toBe(false);
  });

  it.each([
    'grafana.example.test',
    'grafana.example.test=',
    'bad host=Admin',
    'a.test=Admin||Agent',
    'a.test=*|Admin',
  ])('refuses the malformed rule %s with a message naming it', (text) => {
    expect(() => parseAppRules(text)).toThrow(DomainError);
  });

  it('refuses two rules for one host', () => {
    expect(() => parseAppRules('a.test=Admin;A.test=Agent')).toThrow(/a\.test.*twice/);
  });
});
