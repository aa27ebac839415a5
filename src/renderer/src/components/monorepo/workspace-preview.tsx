import type { MonorepoInspection } from '../../../../core/ipc';
import { ErrorMessage } from '../error-message';

const BOX_W = 150;
const BOX_H = 26;
const GAP_X = 60;
const GAP_Y = 10;

/**
 * A monorepo as its build would see it: why it cannot be built, or its packages and their build
 * graph — one column per layer (a package needs only those to its left), an arrow per edge.
 */
export function WorkspacePreview({ inspection }: { inspection: MonorepoInspection }) {
  if (!inspection.ok) {
    return (
      <div data-testid="workspace-problems">
        <ErrorMessage title="This folder cannot be built as set" message={inspection.problems.join('\n')} />
      </div>
    );
  }
  const position = new Map<string, { x: number; y: number }>();
  inspection.layers.forEach((layer, column) =>
    layer.forEach((name, row) =>
      position.set(name, { x: column * (BOX_W + GAP_X), y: row * (BOX_H + GAP_Y) }),
    ),
  );
  const width = inspection.layers.length * (BOX_W + GAP_X) - GAP_X;
  const height = Math.max(...inspection.layers.map((l) => l.length)) * (BOX_H + GAP_Y) - GAP_Y;
  const selected = new Set(inspection.selected);
  return (
    <div className="workspace-preview" data-testid="workspace-preview">
      <p role="status" data-testid="workspace-summary">
        {inspection.selected.length} of {inspection.packages.length} packages will be built, in{' '}
        {inspection.layers.length} layers; {inspection.edges.length} dependency edges.
      </p>
      {inspection.droppedEdges.length > 0 ? (
        <p className="notice" data-testid="dropped-edges">
          Dropped dev edges that closed a cycle: {inspection.droppedEdges.join(', ')}
        </p>
      ) : null}
      <div className="workspace-preview__graph">
        <svg
          width={Math.max(width, 1)}
          height={Math.max(height, 1)}
          role="img"
          aria-label="Build graph"
          data-testid="workspace-graph"
        >
          {inspection.edges.map((e) => {
            const from = position.get(e.from);
            const to = position.get(e.to);
            if (!from || !to) return null;
            return (
              <line
                key={`${e.from}>${e.to}`}
                className={`workspace-preview__edge workspace-preview__edge--${e.kind}`}
                x1={to.x + BOX_W}
                y1={to.y + BOX_H / 2}
                x2={from.x}
                y2={from.y + BOX_H / 2}
              />
            );
          })}
          {[...position].map(([name, p]) => (
            <g key={name} transform={`translate(${p.x},${p.y})`} data-testid="graph-node" data-name={name}>
              <rect className="workspace-preview__node" width={BOX_W} height={BOX_H} rx={4} />
              <text x={8} y={BOX_H / 2 + 4} className="workspace-preview__label">
                {name.length > 20 ? `${name.slice(0, 19)}…` : name}
                <title>{name}</title>
              </text>
            </g>
          ))}
        </svg>
      </div>
      <table className="table" data-testid="workspace-packages">
        <thead>
          <tr>
            <th>Package</th>
            <th>Folder</th>
            <th>Depends on</th>
          </tr>
        </thead>
        <tbody>
          {inspection.packages.map((p) => (
            <tr key={p.name} className={selected.has(p.name) ? undefined : 'muted'}>
              <td className="table__name">{p.name}</td>
              <td>
                <code>{p.dir}</code>
              </td>
              <td>
                {p.dependencies
                  .map((d) => (d.kind === 'dependency' ? d.name : `${d.name} (${d.kind})`))
                  .join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
