import type { FormItemRule } from 'element-plus';
import type { z } from 'zod';

/**
 * An Element Plus rule that checks a field with the contract's own zod schema,
 * so the form can never be stricter or looser than the core. An empty input
 * counts as null: optional contract fields are `.nullable()`, required ones refuse it.
 */
export function zodRule(schema: z.ZodType, message: () => string, trigger: 'blur' | 'change' = 'blur'): FormItemRule {
  return {
    trigger,
    // Marks the field with Element's asterisk exactly when the contract refuses "no value".
    required: !schema.safeParse(null).success,
    validator: (_rule, value: unknown, callback) => {
      const input = typeof value === 'string' && value.trim() === '' ? null : value;
      if (schema.safeParse(input).success) callback();
      else callback(new Error(message()));
    },
  };
}

export function requiredRule(message: () => string, trigger: 'blur' | 'change' = 'change'): FormItemRule {
  return {
    trigger,
    required: true,
    validator: (_rule, value: unknown, callback) => {
      if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
        callback(new Error(message()));
      } else callback();
    },
  };
}

/** '' from an emptied input means "no value" on the wire. */
export function blankToNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
