import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannels, type FanoutBridge } from '../../src-shared/api/bridge';

// The page gets exactly two functions. It never sees ipcRenderer, so it cannot reach any other
// channel; arguments are validated again in main.
const bridge: FanoutBridge = {
  call: (method, args) => ipcRenderer.invoke(ipcChannels.call, method, args),
  subscribe: (listener) => {
    const forward = (_event: Electron.IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(ipcChannels.event, forward);
    return () => {
      ipcRenderer.removeListener(ipcChannels.event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('fanout', bridge);
