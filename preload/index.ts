/**
 * The window's preload (sandboxed, CommonJS): exposes `window.rolecall` and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createRolecallApi } from './rolecall-api';

contextBridge.exposeInMainWorld('rolecall', createRolecallApi(ipcRenderer));
