import { z } from 'zod';
import { optionalEmail, optionalId, optionalText, requiredText, version } from './index.js';

/** The person form; whether the organisation still exists is checked by the route against the database. */
export const personSchema = z.object({
  name: requiredText(200),
  title: optionalText(40),
  email: optionalEmail(),
  // Free text on purpose: "485 104 123, linka 12" is a real phone number in these offices.
  phone: optionalText(40),
  organisationId: optionalId(),
});

export const personEditSchema = personSchema.extend({ version: version() });
