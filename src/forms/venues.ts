import { z } from 'zod';
import { longText, optionalText, requiredText, version } from './index.js';

// Three digits, an optional space (\s also accepts the no-break space Word puts there), two digits.
const czechPostalCode = /^(\d{3})\s?(\d{2})$/;

/** An optional Czech postal code ("46001" or "460 01"), stored in the written form "460 01". */
export const postalCode = () =>
  optionalText(20)
    .refine((code) => code === '' || czechPostalCode.test(code), { error: 'venues.postalCodeInvalid' })
    .transform((code) => code.replace(czechPostalCode, '$1 $2'));

/** The venue form: name, address, the usual room and free notes (several lines). */
export const venueSchema = z.object({
  name: requiredText(200),
  street: optionalText(200),
  postalCode: postalCode(),
  town: optionalText(100),
  defaultRoom: optionalText(200),
  notes: longText(5000),
});

export const venueEditSchema = venueSchema.extend({ version: version() });
