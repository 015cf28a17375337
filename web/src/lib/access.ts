/**
 * Which screens a user may open: the rules live in the domain package (domain/access/screens.ts), built from
 * the role sets the server's route guards use and from `Me.abilities`, so the menu cannot drift from the
 * server. This only decides navigation (menu, 403 page, cross-area cards); the server enforces every rule again.
 */
export {
  canOpen,
  isLiaisonOnly,
  type MenuPath,
  SCREEN_RULES,
  type ScreenPath,
  type ScreenRule,
} from '@liandong/domain/access/screens';
