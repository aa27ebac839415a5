import { z } from 'zod';

/**
 * Where the app finds its Temporal server: the embedded dev server it starts itself, or an external
 * cluster it only connects to. Stored in the app's settings, so secrets are never values here —
 * only references to where a secret lives (an environment variable, a file, or the OS-encrypted
 * secret store), which keeps the SQLite settings free of anything in clear.
 */

/** Temporal namespace names: letters, digits, `.`, `-`, `_`; 2-255 characters (server's own rule). */
export const NamespaceNameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{1,254}$/,
    'a namespace is 2-255 letters, digits, ".", "-" or "_", starting with a letter or digit',
  );

const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

/** `host:port`, with a bracketed IPv6 host allowed (`[::1]:7233`). */
export const HostPortSchema = z
  .string()
  .trim()
  .regex(HOST_PORT, 'the address must be host:port, e.g. temporal.example.com:7233')
  .refine((address) => {
    const port = HOST_PORT.exec(address)?.[2];
    // A malformed address is reported by the regex above; one message per mistake.
    return port === undefined || (Number(port) >= 1 && Number(port) <= 65_535);
  }, 'the port must be between 1 and 65535');

/** Name of an environment variable (POSIX rules, so it can be set from any shell). */
const EnvVarNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name is letters, digits and "_"');
const FilePathSchema = z.string().trim().min(1, 'the path must not be empty');

/** TLS to the external cluster. An empty object means TLS with the system's root certificates. */
export const TlsSettingsSchema = z
  .object({
    serverName: z
      .string()
      .trim()
      .min(1)
      .optional()
      .describe('SNI / host name to verify, when it differs from the address host'),
    caPath: FilePathSchema.optional().describe('PEM file of the CA that signed the server certificate'),
    certPath: FilePathSchema.optional().describe('PEM client certificate (mTLS)'),
    keyPath: FilePathSchema.optional().describe(
      'PEM client private key (mTLS); read at connect time, never stored',
    ),
  })
  .strict()
  .refine((tls) => (tls.certPath === undefined) === (tls.keyPath === undefined), {
    message: 'mTLS needs both certPath and keyPath',
    path: ['keyPath'],
  });
export type TlsSettings = z.infer<typeof TlsSettingsSchema>;

/** Where the API key lives. Exactly one source, so it is never ambiguous which key is in use. */
export const ApiKeySourceSchema = z
  .object({
    env: EnvVarNameSchema.optional().describe('Read the key from this environment variable'),
    file: FilePathSchema.optional().describe('Read the key from this file (trailing newline ignored)'),
    stored: z
      .boolean()
      .optional()
      .describe('The key was saved in the OS-encrypted secret store (desktop app only)'),
  })
  .strict()
  .refine(
    (source) =>
      [source.env !== undefined, source.file !== undefined, source.stored === true].filter(Boolean).length ===
      1,
    {
      message: 'apiKey needs exactly one of env, file or stored: true',
    },
  );
export type ApiKeySource = z.infer<typeof ApiKeySourceSchema>;

/** An http(s) address without query or fragment, e.g. https://temporal.example.com or http://10.0.0.5:8080/ui. */
export const WebUiUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .regex(
    /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/,
    'the Web UI address must be an http:// or https:// URL without ? or #, e.g. https://temporal.example.com',
  );

/** The dev server the app starts and stops itself (loopback only). */
export const EmbeddedConnectionSchema = z
  .object({
    mode: z.literal('embedded'),
    namespace: NamespaceNameSchema.optional().describe('Namespace created at start; "default" when omitted'),
  })
  .strict();
export type EmbeddedConnection = z.infer<typeof EmbeddedConnectionSchema>;

/** A cluster someone else runs: the app starts nothing and only connects. */
export const ExternalConnectionSchema = z
  .object({
    mode: z.literal('external'),
    address: HostPortSchema.describe('host:port of the frontend gRPC service'),
    namespace: NamespaceNameSchema,
    tls: TlsSettingsSchema.optional().describe('Omit for plaintext (only sensible on a trusted network)'),
    apiKey: ApiKeySourceSchema.optional(),
    webUiUrl: WebUiUrlSchema.optional().describe(
      'Base address of the cluster’s Temporal Web UI: the run page links each child workflow there',
    ),
  })
  .strict();
export type ExternalConnection = z.infer<typeof ExternalConnectionSchema>;

export const ConnectionSettingsSchema = z.discriminatedUnion('mode', [
  EmbeddedConnectionSchema,
  ExternalConnectionSchema,
]);
export type ConnectionSettings = z.infer<typeof ConnectionSettingsSchema>;

/** What a fresh install uses. */
export const DEFAULT_CONNECTION_SETTINGS: ConnectionSettings = { mode: 'embedded' };

/** The name under which a stored API key is kept in the secret store. */
export const STORED_API_KEY_SECRET = 'temporal.apiKey';
