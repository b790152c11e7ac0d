import { useState } from 'preact/hooks';
import { AUDIT_EVENTS, type AuditFilter } from '../../api/types.ts';
import { describeDetail, endOfDay, formatDateTime, startOfDay } from '../../format.ts';
import { useSession } from '../../session.tsx';
import { Message } from '../../ui/Message.tsx';
import { Pager } from '../../ui/Pager.tsx';
import { useLoad } from '../../ui/useLoad.ts';

const pageSize = 50;

interface FilterForm {
  user: string;
  event: string;
  from: string;
  to: string;
}

const empty: FilterForm = { user: '', event: '', from: '', to: '' };

/** Who did what, when and from where: filter by user, event and date, newest first, paged. */
export function AuditPage() {
  const { api } = useSession();
  const [form, setForm] = useState<FilterForm>(empty);
  const [applied, setApplied] = useState<FilterForm>(empty);
  const [page, setPage] = useState(1);
  const [problem, setProblem] = useState<string | null>(null);
  const entries = useLoad(() => api.audit(toFilter(applied, page)), [applied, page]);

  const apply = (event: Event) => {
    event.preventDefault();
    if (form.from && form.to && form.from > form.to) {
      setProblem('The “from” date is after the “to” date.');
      return;
    }
    setProblem(null);
    setPage(1);
    setApplied({ ...form, user: form.user.trim() });
  };

  const set = (key: keyof FilterForm) => (event: Event) =>
    setForm({ ...form, [key]: (event.currentTarget as HTMLInputElement).value });

  return (
    <section class="card">
      <h1>Audit log</h1>
      <form class="filters" onSubmit={apply} noValidate aria-label="Filter the audit log">
        <div class="field">
          <label for="audit-user">User</label>
          <input
            id="audit-user"
            type="search"
            value={form.user}
            onInput={set('user')}
            placeholder="Username"
          />
        </div>
        <div class="field">
          <label for="audit-event">Event</label>
          <select id="audit-event" value={form.event} onChange={set('event')}>
            <option value="">Any event</option>
            {AUDIT_EVENTS.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="audit-from">From</label>
          <input id="audit-from" type="date" value={form.from} onInput={set('from')} />
        </div>
        <div class="field">
          <label for="audit-to">To</label>
          <input id="audit-to" type="date" value={form.to} onInput={set('to')} />
        </div>
        <div class="filter-buttons">
          <button type="submit" class="button primary">
            Filter
          </button>
          <button
            type="button"
            class="button link"
            onClick={() => {
              setForm(empty);
              setApplied(empty);
              setPage(1);
              setProblem(null);
            }}
          >
            Clear
          </button>
        </div>
      </form>
      <Message>{problem ?? entries.error}</Message>
      {entries.data && (
        <>
          <div class="table-wrap">
            <table class="audit">
              <caption class="visually-hidden">Audit log entries</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Event</th>
                  <th scope="col">By</th>
                  <th scope="col">Target</th>
                  <th scope="col">Address</th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                {entries.data.items.length === 0 && (
                  <tr>
                    <td colSpan={6} class="empty">
                      No entries match.
                    </td>
                  </tr>
                )}
                {entries.data.items.map((entry) => (
                  <tr key={entry.id}>
                    <td class="nowrap">{formatDateTime(entry.at)}</td>
                    <td>
                      <code>{entry.event}</code>
                    </td>
                    <td>{entry.actor ?? '—'}</td>
                    <td>{entry.target ?? '—'}</td>
                    <td>{entry.ip ?? '—'}</td>
                    <td class="detail">
                      {describeDetail(entry.detail)}
                      {entry.repeats > 0 && entry.lastAt && (
                        <span class="repeats">
                          {` ${entry.repeats + 1} times, the last at ${formatDateTime(entry.lastAt)}`}
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            label="Audit log pages"
            page={entries.data.page}
            pageSize={entries.data.pageSize}
            total={entries.data.total}
            onPage={setPage}
          />
        </>
      )}
      {!entries.data && !entries.error && <p aria-busy="true">Loading…</p>}
    </section>
  );
}

function toFilter(form: FilterForm, page: number): AuditFilter {
  return {
    user: form.user || undefined,
    event: form.event || undefined,
    from: startOfDay(form.from),
    to: endOfDay(form.to),
    page,
    pageSize,
  };
}
