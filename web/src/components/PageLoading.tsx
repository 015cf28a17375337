/**
 * The fallback while a screen's chunk or first query loads: a ring drawn in CSS (styles.css, `.ld-page-loading`)
 * rather than antd's Spin, because the router shows it before any screen and the sign-in page is the first
 * load of every session (issue 12: ≤ 200 KB).
 */
export function PageLoading() {
  return (
    <div className="ld-page-loading" role="status" aria-busy="true">
      <span className="ld-page-loading-ring" />
    </div>
  );
}
