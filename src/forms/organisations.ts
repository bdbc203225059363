import { z } from 'zod';
import { optionalText, requiredText, version } from './index.js';

/** The organisation form: name and short name (ANNOLK). */
export const organisationSchema = z.object({
  name: requiredText(200),
  shortName: optionalText(40),
});

export const organisationEditSchema = organisationSchema.extend({ version: version() });
