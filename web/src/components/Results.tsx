import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { useT } from '../lib/i18n';

export { PageLoading } from './PageLoading';

/** 无权访问: a route the user may not open (the API would answer 403/404 anyway). */
export function Forbidden() {
  const t = useT();
  return (
    <Result
      status="403"
      title={t('common.forbiddenTitle')}
      subTitle={t('common.forbiddenText')}
      data-testid="forbidden-page"
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function NotFound() {
  const t = useT();
  return (
    <Result
      status="404"
      title={t('common.notFoundTitle')}
      subTitle={t('common.notFoundText')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** A failed query: 403 and 404 as their pages, anything else with the server's message and a retry. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  if (error instanceof ApiError && error.status === 403) return <Forbidden />;
  if (error instanceof ApiError && error.status === 404) return <NotFound />;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Result status="error" title={t('common.loadFailed')} subTitle={message} extra={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : null} />
  );
}
