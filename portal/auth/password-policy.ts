import { z } from 'zod';

/**
 * The guide's rule (section 6, « Réinitialisation du mot de passe »): « au moins 8 caractères avec
 * au moins une majuscule, une minuscule, un chiffre et un caractère spécial ». The message keeps
 * the guide's words.
 */
export const PASSWORD_POLICY_MESSAGE =
  'Votre mot de passe doit faire au moins 8 caractères avec au moins une majuscule, une minuscule, un chiffre et un caractère spécial.';

const MIN_LENGTH = 8;
const MAX_LENGTH = 256;

/** Letters and digits of any script count as such; anything else visible is a special character. */
export function meetsPasswordPolicy(password: string): boolean {
  return (
    [...password].length >= MIN_LENGTH &&
    /\p{Lu}/u.test(password) &&
    /\p{Ll}/u.test(password) &&
    /\p{Nd}/u.test(password) &&
    /[^\p{L}\p{N}\s]/u.test(password)
  );
}

/** The new password field: the policy's message for any shortfall, whichever rule is broken. */
export const newPasswordSchema = z
  .string({ error: 'Saisissez un mot de passe.' })
  .max(MAX_LENGTH, { error: `Le mot de passe ne doit pas dépasser ${MAX_LENGTH} caractères.` })
  .refine(meetsPasswordPolicy, { error: PASSWORD_POLICY_MESSAGE });
