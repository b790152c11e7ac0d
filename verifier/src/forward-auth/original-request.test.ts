import { describe, expect, it } from 'vitest';
import { originalRequest } from './original-request.ts';

describe('the original request a proxy asks about', () => {
  it("reads nginx's X-Original-URL, whose 401 nginx turns into the redirect itself", () => {
    expect(
      originalRequest({ 'x-original-url': 'https://App.example.test/a?b=1', accept: 'text/html' }),
    ).toEqual({
      url: 'https://App.example.test/a?b=1',
      host: 'app.example.test',
      passedThrough: false,
      browserNavigation: true,
    });
  });

  it("builds the address from Traefik's and Caddy's X-Forwarded-* headers", () => {
    const headers = {
      'x-forwarded-method': 'GET',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'grafana.example.test',
      'x-forwarded-uri': '/d/abc?orgId=1',
      accept: 'text/html,application/xhtml+xml',
    };
    expect(originalRequest(headers)).toEqual({
      url: 'https://grafana.example.test/d/abc?orgId=1',
      host: 'grafana.example.test',
      passedThrough: true,
      browserNavigation: true,
    });
  });

  it('treats a POST or a JSON call as no page navigation (it gets the 401, not a redirect)', () => {
    const base = { 'x-forwarded-host': 'a.example.test', 'x-forwarded-uri': '/api' };
    expect(
      originalRequest({ ...base, 'x-forwarded-method': 'POST', accept: 'text/html' }).browserNavigation,
    ).toBe(false);
    expect(originalRequest({ ...base, accept: 'application/json' }).browserNavigation).toBe(false);
  });

  it('names no host when the proxy sent nothing usable', () => {
    expect(originalRequest({}).host).toBeUndefined();
    expect(originalRequest({ 'x-original-url': 'not a url' }).host).toBeUndefined();
  });
});
