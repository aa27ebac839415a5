// @acme/e2e-tests: End-to-end tests of the web app against the API and the worker.
export const name = '@acme/e2e-tests';
export const dependsOn = [];
