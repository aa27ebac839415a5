export type PageId = 'workflows' | 'build' | 'runs' | 'settings';

const PAGES: { id: PageId; label: string }[] = [
  { id: 'workflows', label: 'Workflows' },
  { id: 'build', label: 'Build a monorepo' },
  { id: 'runs', label: 'Runs' },
  { id: 'settings', label: 'Settings' },
];

export interface AppNavProps {
  page: PageId;
  onNavigate: (page: PageId) => void;
}

/** The header's page switcher; the current page is marked with aria-current. */
export function AppNav({ page, onNavigate }: AppNavProps) {
  return (
    <nav className="app-nav" aria-label="Main">
      <ul className="app-nav__list">
        {PAGES.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              className="app-nav__link"
              aria-current={p.id === page ? 'page' : undefined}
              onClick={() => onNavigate(p.id)}
              data-testid={`nav-${p.id}`}
            >
              {p.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
