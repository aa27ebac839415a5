import { useMemo } from 'react';
import {
  NODE_KINDS,
  WorkflowSettingsSchema,
  type NodeKindModule,
  type WorkflowDefinition,
} from '../../../core/definition';
import type { ReferenceScope } from '../../../core/editor';
import { useAppStore } from '../stores/store-context';
import { useEditor } from './editor-context';
import { fieldErrorsOf } from './field-errors';
import { SchemaForm, type FormContext } from './schema-form';
import { fieldsOf } from './schema-fields';

export interface NodePropertiesProps {
  kind: NodeKindModule;
  nodeId: string;
  label: string | undefined;
  data: Record<string, unknown>;
  onLabel: (label: string | undefined) => void;
  onField: (key: string, value: unknown) => void;
  errors: ReadonlyMap<string, string[]>;
  context: FormContext;
  disabled?: boolean;
}

/** The properties of one node: header from the kind's display metadata, a form generated from its schema. */
export function NodeProperties({
  kind,
  nodeId,
  label,
  data,
  onLabel,
  onField,
  errors,
  context,
  disabled,
}: NodePropertiesProps) {
  const fields = fieldsOf(kind.schema);
  const general = errors.get('') ?? [];
  return (
    <div className="properties" data-testid="node-properties">
      <header className="properties__header">
        <h2 className="properties__title">{kind.display.label}</h2>
        <p className="properties__description">{kind.display.description}</p>
      </header>
      {general.length > 0 ? (
        <ul className="properties__problems" role="alert">
          {general.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      ) : null}
      <div className="form-row">
        <label className="form-row__label" htmlFor={`label-${nodeId}`}>
          Label
        </label>
        <input
          id={`label-${nodeId}`}
          className="input"
          value={label ?? ''}
          placeholder={nodeId}
          disabled={disabled}
          onChange={(e) => onLabel(e.target.value === '' ? undefined : e.target.value)}
          data-testid="field-label"
        />
        <p className="form-row__help">
          Shown on the canvas. Id: <code>{nodeId}</code> (other nodes refer to it as{' '}
          <code>$result.{nodeId}</code>)
        </p>
      </div>
      {fields.length === 0 ? <p className="muted">This node has no settings.</p> : null}
      <SchemaForm
        fields={fields}
        value={data}
        onChange={onField}
        errors={errors}
        context={context}
        disabled={disabled}
      />
    </div>
  );
}

/** The right-hand panel: the selected node's properties, or the workflow's own settings. */
export function PropertyPanel() {
  const definition = useEditor((s) => s.history?.definition ?? null);
  const selection = useEditor((s) => s.selection.nodes);
  const diagnostics = useEditor((s) => s.diagnostics);
  const readOnly = useEditor((s) => s.readOnlyVersion !== null);
  const actions = useEditor((s) => s.actions);
  const definitions = useAppStore((s) => s.definitions.items);
  const summaryId = useEditor((s) => s.summary?.id);

  const context = useMemo<FormContext>(
    () => ({
      definitions: definitions.filter((d) => d.id !== summaryId),
      nodeIds: definition?.nodes.map((n) => ({ id: n.id, kind: n.kind })) ?? [],
    }),
    [definitions, definition, summaryId],
  );

  if (!definition) return null;
  const node = selection.length === 1 ? definition.nodes.find((n) => n.id === selection[0]) : undefined;

  if (node) {
    const references: ReferenceScope = {
      inputs: definition.settings.inputs ?? [],
      upstreamNodeIds: upstreamOf(definition, node.id),
      allowPackage: node.kind === 'dynamicLoop' || node.kind === 'batchLoop',
    };
    return (
      <NodeProperties
        kind={NODE_KINDS[node.kind]}
        nodeId={node.id}
        label={node.label}
        data={node.data}
        disabled={readOnly}
        errors={fieldErrorsOf(diagnostics, node.id)}
        context={{ ...context, references }}
        onLabel={(label) =>
          actions.apply('Rename node', [{ type: 'setNodeLabel', id: node.id, label }], `label:${node.id}`)
        }
        onField={(key, value) => {
          const data = { ...node.data };
          if (value === undefined) delete data[key];
          else data[key] = value;
          actions.apply(
            `Edit ${key}`,
            [{ type: 'setNodeData', id: node.id, data }],
            `data:${node.id}:${key}`,
          );
        }}
      />
    );
  }

  const settingsErrors = new Map<string, string[]>();
  for (const d of diagnostics) {
    const m = /^settings\.(\w+)/.exec(d.path);
    if (m) settingsErrors.set(m[1]!, [...(settingsErrors.get(m[1]!) ?? []), d.message]);
    else if (d.path === 'name') settingsErrors.set('name', [d.message]);
  }
  return (
    <div className="properties" data-testid="workflow-properties">
      <header className="properties__header">
        <h2 className="properties__title">Workflow</h2>
        <p className="properties__description">
          {selection.length > 1 ? `${selection.length} nodes selected. ` : ''}Select a node to edit it; these
          are the workflow’s own settings.
        </p>
      </header>
      <div className="form-row">
        <label className="form-row__label" htmlFor="wf-name">
          Name
        </label>
        <input
          id="wf-name"
          className="input"
          value={definition.name}
          disabled={readOnly}
          onChange={(e) =>
            actions.apply('Rename workflow', [{ type: 'setMeta', name: e.target.value }], 'meta:name')
          }
          data-testid="field-workflow-name"
        />
        {settingsErrors.get('name') ? (
          <p className="form-row__error">{settingsErrors.get('name')!.join('; ')}</p>
        ) : null}
      </div>
      <div className="form-row">
        <label className="form-row__label" htmlFor="wf-description">
          Description
        </label>
        <textarea
          id="wf-description"
          className="input"
          rows={2}
          value={definition.description ?? ''}
          disabled={readOnly}
          onChange={(e) =>
            actions.apply(
              'Edit description',
              [{ type: 'setMeta', description: e.target.value === '' ? undefined : e.target.value }],
              'meta:description',
            )
          }
        />
      </div>
      <SchemaForm
        fields={fieldsOf(WorkflowSettingsSchema)}
        value={definition.settings}
        errors={settingsErrors}
        context={context}
        disabled={readOnly}
        prefix=""
        onChange={(key, value) => {
          const settings: Record<string, unknown> = { ...definition.settings };
          if (value === undefined) delete settings[key];
          else settings[key] = value;
          actions.apply(`Edit ${key}`, [{ type: 'setSettings', settings }], `settings:${key}`);
        }}
      />
    </div>
  );
}

/** Ids of the nodes that run before `nodeId` (follow the edges backwards), nearest first. */
function upstreamOf(definition: WorkflowDefinition, nodeId: string): string[] {
  const seen = new Set<string>([nodeId]);
  const out: string[] = [];
  let frontier = [nodeId];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const edge of definition.edges)
      if (frontier.includes(edge.target) && !seen.has(edge.source)) {
        seen.add(edge.source);
        out.push(edge.source);
        next.push(edge.source);
      }
    frontier = next;
  }
  return out;
}
