import { useQueryClient } from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError, applyFieldErrors } from '../api/client';
import { useT } from './i18n';

/** Codes after which the client has already navigated away (login, TOTP enrolment, password change). */
const REDIRECTED = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED', 'TOTP_ENROLMENT_REQUIRED', 'PASSWORD_CHANGE_REQUIRED']);

/**
 * Shows a failed mutation: field issues go onto the form, a stale version gets the standard
 * "changed by someone else" message (and the data is reloaded), anything else the server's message.
 */
export function useApiErrorHandler() {
  const { message } = App.useApp();
  const t = useT();
  const queryClient = useQueryClient();
  return useCallback(
    (err: unknown, form?: FormInstance) => {
      if (!(err instanceof ApiError)) {
        message.error(err instanceof Error ? err.message : String(err));
        return;
      }
      if (REDIRECTED.has(err.code)) return;
      if (err.code === 'STALE_VERSION') {
        message.error(t('errors.stale'));
        void queryClient.invalidateQueries();
        return;
      }
      if (form && applyFieldErrors(form, err)) {
        message.error(t('errors.checkFields'));
        return;
      }
      message.error(err.message);
    },
    [message, t, queryClient],
  );
}
