import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from './data-location';

describe('defaultDataDir', () => {
  it('matches where Electron keeps an app called Fanout on each system', () => {
    expect(defaultDataDir({}, 'linux')).toBe(path.join(os.homedir(), '.config', 'Fanout'));
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe(path.join('/x', 'Fanout'));
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe(path.join('C:\\Users\\a\\AppData\\Roaming', 'Fanout'));
    expect(defaultDataDir({}, 'darwin')).toBe(path.join(os.homedir(), 'Library', 'Application Support', 'Fanout'));
  });

  it('lets FANOUT_DATA_DIR override it', () => {
    expect(defaultDataDir({ FANOUT_DATA_DIR: '/srv/fanout' }, 'linux')).toBe('/srv/fanout');
  });
});
