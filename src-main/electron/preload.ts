import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannels, type FanoutBridge } from '../../src-shared/api/bridge';

// The page gets exactly these four functions. It never sees ipcRenderer, so it cannot reach any other
// channel; arguments are validated again in main.
const bridge: FanoutBridge = {
  call: (method, args) => ipcRenderer.invoke(ipcChannels.call, method, args),
  uploadChunk: (uploadId, offset, bytes) => ipcRenderer.invoke(ipcChannels.uploadChunk, uploadId, offset, bytes),
  download: (downloadId) => ipcRenderer.invoke(ipcChannels.download, downloadId),
  subscribe: (listener) => {
    const forward = (_event: Electron.IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(ipcChannels.event, forward);
    return () => {
      ipcRenderer.removeListener(ipcChannels.event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('fanout', bridge);
