import { z } from 'zod';
import { defineMethod } from './define';

export const appMethods = {
  'app.info': defineMethod({
    summary: 'What this Fanout is and where it keeps its data.',
    args: z.strictObject({}),
    result: z.object({
      version: z.string(),
      transport: z.enum(['electron', 'serve']),
      dataDir: z.string(),
      databasePath: z.string(),
      platform: z.string(),
      startedAt: z.iso.datetime(),
    }),
  }),
  'app.ping': defineMethod({
    summary: 'Checks the connection: the answer comes back, and an app.pinged event is pushed to every window.',
    args: z.strictObject({ message: z.string().min(1).max(500) }),
    result: z.object({ message: z.string(), receivedAt: z.iso.datetime() }),
  }),
};
