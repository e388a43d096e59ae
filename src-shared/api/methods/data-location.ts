import { z } from 'zod';
import { defineMethod } from './define';

const changeMode = z.enum(['move', 'use-existing']);

export const dataLocationMethods = {
  'dataLocation.get': defineMethod({
    summary: 'Where Fanout keeps its data, whether it can be changed here, and a change waiting for the next start.',
    args: z.strictObject({}),
    result: z.object({
      dataDir: z.string(),
      /** Set when Fanout was started: by --data-dir, or by FANOUT_DATA_DIR; then Settings cannot change it. */
      fixedBy: z.enum(['option', 'environment']).nullable(),
      pending: z.object({ target: z.string(), mode: changeMode }).nullable(),
      lastChange: z
        .union([
          z.object({ from: z.string(), to: z.string(), mode: changeMode, at: z.string() }),
          z.object({ failed: z.string(), target: z.string(), at: z.string() }),
        ])
        .nullable(),
    }),
  }),
  'dataLocation.check': defineMethod({
    summary: 'Whether Fanout can keep its data in a folder (created if missing), and whether Fanout data is there already.',
    args: z.strictObject({ target: z.string().trim().min(1, 'Enter a folder.').max(1000) }),
    result: z.object({ target: z.string(), same: z.boolean(), problem: z.string().nullable(), existingDataChangedAt: z.string().nullable() }),
  }),
  'dataLocation.change': defineMethod({
    summary: 'Moves the data to a folder, or uses the Fanout data already there, at the next start.',
    args: z.strictObject({ target: z.string().trim().min(1).max(1000), mode: changeMode }),
    result: z.object({ pending: z.object({ target: z.string(), mode: changeMode }) }),
  }),
  'dataLocation.cancel': defineMethod({
    summary: 'Forgets a change waiting for the next start.',
    args: z.strictObject({}),
    result: z.object({ cancelled: z.boolean() }),
  }),
};
