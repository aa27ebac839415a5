// @acme/notifications: E-mail, SMS and push notifications.
export const name = '@acme/notifications';
export const dependsOn = ['@acme/config', '@acme/events', '@acme/http-client', '@acme/logger'];
