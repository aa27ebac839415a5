import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NODE_KINDS } from '../../../src/core/definition';
import { defineNodeKind } from '../../../src/core/definition/node-kinds/types';
import { NodeProperties } from '../../../src/renderer/src/editor/property-panel';
import { Palette } from '../../../src/renderer/src/editor/palette';
import { fieldsOf, humanize } from '../../../src/renderer/src/editor/schema-fields';
import type { FormContext } from '../../../src/renderer/src/editor/schema-form';

/** A node kind that exists only in this test: the renderer has never heard of it. */
const testKind = defineNodeKind({
  kind: 'notifySlack',
  version: 1,
  schema: z
    .object({
      channelName: z.string().min(1).describe('Slack channel that receives the message, e.g. #builds'),
      retries: z.number().int().min(0).max(10).optional().describe('How often to retry a failed post'),
    })
    .strict(),
  defaultData: {},
  display: { label: 'Notify Slack', description: 'Posts a message to a Slack channel.', category: 'output' },
  ports: { inputs: 'one-or-more', outputs: 'one-or-more' },
});

const context: FormContext = { definitions: [], nodeIds: [] };
const html = (element: React.ReactElement) =>
  renderToStaticMarkup(element)
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"');

describe('forms generated from the node kinds’ schemas', () => {
  it('a test-only kind appears in the palette and its described field in the panel, with its help text', () => {
    const palette = html(
      <Palette kinds={[...Object.values(NODE_KINDS), testKind]} onAdd={() => undefined} />,
    );
    expect(palette).toContain('data-testid="palette-notifySlack"');
    expect(palette).toContain('Notify Slack');
    expect(palette).toContain('Posts a message to a Slack channel.');

    const panel = html(
      <NodeProperties
        kind={testKind}
        nodeId="notify"
        label={undefined}
        data={{ channelName: '#builds' }}
        onLabel={() => undefined}
        onField={() => undefined}
        errors={new Map([['retries', ['must be at most 10']]])}
        context={context}
      />,
    );
    expect(panel).toContain('Channel name');
    expect(panel).toContain('Slack channel that receives the message, e.g. #builds');
    expect(panel).toContain('value="#builds"');
    expect(panel).toContain('How often to retry a failed post');
    // A field's diagnostic shows on the field.
    expect(panel).toMatch(/data-testid="field-error-retries"[^>]*>must be at most 10</);
  });

  it('the Dynamic Loop form: N as slider + number (1–64), enums, the child picker, reference rows for childInput', () => {
    const fields = fieldsOf(NODE_KINDS.dynamicLoop.schema);
    const byKey = new Map(fields.map((f) => [f.key, f]));
    expect(byKey.get('maxConcurrent')).toMatchObject({
      control: 'number',
      slider: true,
      min: 1,
      max: 64,
      required: true,
    });
    expect(byKey.get('dependencyMode')).toMatchObject({
      control: 'enum',
      options: ['on', 'off'],
      required: false,
    });
    expect(byKey.get('policy')).toMatchObject({ control: 'enum', options: ['critical-path-first', 'fifo'] });
    expect(byKey.get('failFast')).toMatchObject({ control: 'boolean' });
    expect(byKey.get('child')).toMatchObject({ control: 'workflow-ref', required: true });
    // Values that may be `$…` references (core's ValueSchema, found by identity) get reference rows.
    expect(byKey.get('childInput')).toMatchObject({ control: 'reference-map' });
    expect(
      new Map(fieldsOf(NODE_KINDS.childWorkflow.schema).map((f) => [f.key, f])).get('input'),
    ).toMatchObject({
      control: 'reference-map',
    });
    const form = html(
      <NodeProperties
        kind={NODE_KINDS.dynamicLoop}
        nodeId="build"
        label={undefined}
        data={{ childInput: { simulatedDurationMs: { $ref: '$package.estimatedDurationMs' }, tries: 2 } }}
        onLabel={() => undefined}
        onField={() => undefined}
        errors={new Map()}
        context={context}
      />,
    );
    expect(form).toContain('value="simulatedDurationMs"');
    expect(form).toContain('value="$package.estimatedDurationMs"');
    expect(form).toContain('value="2"');
    expect(form).toContain('role="combobox"');
    expect(byKey.get('retryWindowMs')).toMatchObject({
      control: 'number',
      label: 'Retry window (ms)',
      min: 0,
    });
    expect(byKey.get('maxConcurrent')?.description).toBe(
      'Children running at once: a new one starts as soon as any finishes',
    );
  });

  it('the Child Workflow form: start vs execute, task queue, timeouts, a nested retry policy', () => {
    const fields = new Map(fieldsOf(NODE_KINDS.childWorkflow.schema).map((f) => [f.key, f]));
    expect(fields.get('mode')).toMatchObject({ control: 'enum', options: ['start', 'execute'] });
    expect(fields.get('taskQueue')).toMatchObject({ control: 'text' });
    expect(fields.get('workflowExecutionTimeoutMs')).toMatchObject({ control: 'number', min: 1 });
    const retry = fields.get('retry');
    expect(retry?.control).toBe('object');
    expect(retry?.fields?.map((f) => f.key)).toEqual([
      'initialIntervalMs',
      'backoffCoefficient',
      'maximumIntervalMs',
      'maximumAttempts',
      'nonRetryableErrorTypes',
    ]);
  });

  it('labels keys in words', () => {
    expect(humanize('maxConcurrent')).toBe('Max concurrent');
    expect(humanize('childExecutionTimeoutMs')).toBe('Child execution timeout (ms)');
  });
});
