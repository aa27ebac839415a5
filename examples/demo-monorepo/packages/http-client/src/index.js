// @acme/http-client: HTTP client with retries and tracing.
export const name = '@acme/http-client';
export const dependsOn = ['@acme/config', '@acme/logger', '@acme/types', '@acme/utils'];
