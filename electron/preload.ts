// Runs sandboxed in the renderer: only `electron`'s renderer modules are available, and the
// bundle must be one CommonJS file (scripts/build-electron.mjs checks both).
import { contextBridge, ipcRenderer } from 'electron';
import type { KindredBridge } from '../shared/bridge';
import { createBridge } from './preload-bridge';

contextBridge.exposeInMainWorld('kindred', createBridge(ipcRenderer) satisfies KindredBridge);
