/**
 * The Users page with 10,000 users: the API's answer for the first page (default sort, and the
 * heaviest list a bookmark opens: Pending users by Pending since, descending) on each database, then
 * the page's time to first render in Chromium: from navigation to the first row of the table, with
 * the built pages and a real verifier on SQLite. Figures, not assertions.
 */
import { performance } from 'node:perf_hooks';
import type { Harness } from '../../shared/bench/harness.ts';
import { updateSettings } from '../src/settings/settings.ts';
import { openPagesSession } from '../test-support/browser/pages-session.ts';
import { insertManyUsers } from '../test-support/many-users.ts';
import { createTestApp, enableSystemTwoFactor, signInAdmin } from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

const USERS = 10_000;
const PASSWORD = 'first admin password';
const CHOSEN = 'admin chose this password';

async function apiFirstPage(harness: Harness): Promise<void> {
  for (const kind of databaseKinds()) {
    const t = await createTestApp(kind);
    try {
      await enableSystemTwoFactor(t);
      await insertManyUsers(t.ctx.db, USERS, t.clock.now());
      const admin = await signInAdmin(t);
      const page = (url: string) => async () => {
        const answer = await admin.get(url);
        if (answer.statusCode !== 200 || answer.json().items.length !== 25)
          throw new Error(answer.body.slice(0, 200));
      };
      await harness.compare({
        title: `Users list, first page of 25 of ${USERS} users, on ${kind}`,
        cases: {
          'default (by username)': page('/api/admin/users?pageSize=25'),
          'Pending by Pending since, desc': page(
            '/api/admin/users?status=Pending&sort=pendingSince&order=desc&pageSize=25',
          ),
          'search "u0999"': async () => {
            const answer = await admin.get('/api/admin/users?query=u0999');
            if (answer.statusCode !== 200) throw new Error(answer.body);
          },
        },
      });
    } finally {
      await t.close();
    }
  }
}

async function firstRender(harness: Harness): Promise<void> {
  const s = await openPagesSession(PASSWORD);
  try {
    await s.changeFirstAdminPassword(PASSWORD, CHOSEN);
    const now = s.verifier.clock.now();
    await updateSettings(s.verifier.db, { twoFactorEnabled: true }, { at: now, actor: 'bench' });
    await insertManyUsers(s.verifier.db, USERS, now);
    const times: number[] = [];
    for (let round = 0; round < 15; round++) {
      const started = performance.now();
      await s.page.goto(s.url('/admin/users'), { waitUntil: 'commit' });
      await s.page.locator('table.users-table tbody tr').first().waitFor();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    harness.note(
      `Users page, ${USERS} users, Chromium, navigation to first table row (settings + list + groups requests, render): ` +
        `median ${median.toFixed(0)} ms, fastest ${times[0]?.toFixed(0)} ms, slowest ${times.at(-1)?.toFixed(0)} ms over ${times.length} loads (SQLite).`,
    );
  } finally {
    await s.close();
  }
}

export default async function (harness: Harness): Promise<void> {
  await apiFirstPage(harness);
  await firstRender(harness);
}
