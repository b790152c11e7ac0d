import { Link } from '../router.tsx';

export function NotFound({ title = 'Page not found', text = 'There is nothing at this address.' }) {
  return (
    <div class="narrow">
      <section class="card">
        <h1>{title}</h1>
        <p>{text}</p>
        <Link href="/" class="button secondary">
          Go to the home page
        </Link>
      </section>
    </div>
  );
}
