import { z } from 'zod';

// The CSP forbids eval (script-src 'self'): zod would probe for it with `new Function`, which the
// browser reports as a CSP violation, then fall back to this mode anyway. Imported first by
// main.tsx so the setting precedes every schema.
z.config({ jitless: true });
