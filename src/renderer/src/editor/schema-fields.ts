import { z } from 'zod';
import { ValueSchema } from '../../../core/definition/common';

/**
 * Turns a node kind's zod schema into form field descriptions, through zod's JSON Schema output:
 * the inspector is generated from the kinds (src/core/definition/node-kinds), never hand-built, so a
 * new kind or field shows up with its `.describe()` text as help and nothing to change here.
 */

/** How a field is edited. */
export type FieldControl =
  /** A text input. */
  | 'text'
  /** A number input; with `slider`, a range slider beside it. */
  | 'number'
  /** A checkbox. */
  | 'boolean'
  /** A select of `options`. */
  | 'enum'
  /** A child workflow reference: a stored definition (picker) or a workflow type. */
  | 'workflow-ref'
  /** A nested object of `fields` (e.g. a retry policy). */
  | 'object'
  /** Named values that may be `$…` references (a child's input): rows with completion of references. */
  | 'reference-map'
  /** Anything else (records, arrays, JSON values): JSON text. */
  | 'json';

/** One field of a generated form. */
export interface FieldSpec {
  /** Key in the node's data. */
  key: string;
  /** Label: the key in words ("maxConcurrent" → "Max concurrent"). */
  label: string;
  /** Help text: the schema's description. */
  description?: string;
  required: boolean;
  control: FieldControl;
  /** Enum values. */
  options?: string[];
  min?: number;
  max?: number;
  integer?: boolean;
  /** A bounded small integer range: edited with a slider and a number. */
  slider?: boolean;
  /** Sub-fields of an object. */
  fields?: FieldSpec[];
}

type JsonSchema = {
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  additionalProperties?: unknown;
  propertyNames?: JsonSchema;
  /** Set on the schema of values that may be references (core ValueSchema), see `fieldsOf`. */
  'x-wb-value'?: boolean;
};

/** Marks where a schema accepts a JSON value or a `$ref` (identity of core's ValueSchema, not its wording). */
const markValues = (ctx: { zodSchema: unknown; jsonSchema: Record<string, unknown> }) => {
  if (ctx.zodSchema === ValueSchema) ctx.jsonSchema['x-wb-value'] = true;
};

/** "maxConcurrent" → "Max concurrent", "childExecutionTimeoutMs" → "Child execution timeout (ms)". */
export function humanize(key: string): string {
  const ms = /Ms$/.test(key);
  const words = key
    .replace(/Ms$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  const text = words.charAt(0).toUpperCase() + words.slice(1);
  return ms ? `${text} (ms)` : text;
}

function fieldOf(key: string, schema: JsonSchema, required: boolean): FieldSpec {
  const base = {
    key,
    label: humanize(key),
    required,
    ...(schema.description && { description: schema.description }),
  };
  if (
    schema.anyOf?.some((s) => s.properties?.definitionId) &&
    schema.anyOf.some((s) => s.properties?.workflowType)
  )
    return { ...base, control: 'workflow-ref' };
  if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string'))
    return { ...base, control: 'enum', options: schema.enum as string[] };
  if (schema.type === 'boolean') return { ...base, control: 'boolean' };
  if (schema.type === 'integer' || schema.type === 'number') {
    const min =
      schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : undefined);
    const max =
      schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER ? schema.maximum : undefined;
    const integer = schema.type === 'integer';
    const slider = integer && min !== undefined && max !== undefined && max - min <= 100;
    return {
      ...base,
      control: 'number',
      integer,
      ...(min !== undefined && { min }),
      ...(max !== undefined && { max }),
      ...(slider && { slider }),
    };
  }
  if (schema.type === 'string') return { ...base, control: 'text' };
  const values = schema.additionalProperties as JsonSchema | undefined;
  if (schema.type === 'object' && !schema.properties && values?.['x-wb-value'])
    return { ...base, control: 'reference-map' };
  if (schema.type === 'object' && schema.properties && schema.additionalProperties === false)
    return { ...base, control: 'object', fields: fieldsOfObject(schema) };
  return { ...base, control: 'json' };
}

function fieldsOfObject(schema: JsonSchema): FieldSpec[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([key, s]) => fieldOf(key, s, required.has(key)));
}

const cache = new WeakMap<z.ZodType, FieldSpec[]>();

/** The form fields of an object schema, in declaration order (memoised per schema). */
export function fieldsOf(schema: z.ZodType): FieldSpec[] {
  const cached = cache.get(schema);
  if (cached) return cached;
  // 'input': what the user writes (before transforms); 'any' for types JSON Schema cannot express.
  const json = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: markValues,
  }) as JsonSchema;
  const fields = fieldsOfObject(json);
  cache.set(schema, fields);
  return fields;
}
