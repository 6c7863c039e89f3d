/**
 * Who the app is to the OS. The id must equal `appId` in electron-builder.yml: Windows shows
 * an app's notifications only when its AppUserModelID matches the one on the Start menu
 * shortcut the installer made.
 */
export const APP_ID = 'dev.rolecall.app';
export const PRODUCT_NAME = 'Rolecall';
