// @acme/billing: Plans, invoices and payments.
export const name = '@acme/billing';
export const dependsOn = ['@acme/config', '@acme/db', '@acme/events', '@acme/http-client', '@acme/logger'];
