export interface PagerProps {
  page: number;
  pageSize: number;
  total: number;
  label: string;
  onPage: (page: number) => void;
}

/** Previous / next paging with the range shown, for long tables. */
export function Pager({ page, pageSize, total, label, onPage }: PagerProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav class="pager" aria-label={label}>
      <p class="pager-range">{total === 0 ? 'Nothing to show' : `${first}–${last} of ${total}`}</p>
      <div class="pager-buttons">
        <button type="button" class="button secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          Previous
        </button>
        <span class="pager-page">
          Page {page} of {pages}
        </span>
        <button
          type="button"
          class="button secondary"
          disabled={page >= pages}
          onClick={() => onPage(page + 1)}
        >
          Next
        </button>
      </div>
    </nav>
  );
}
