import packageJson from '../../package.json';

/** The version of this build, from package.json. */
export const version: string = packageJson.version;
