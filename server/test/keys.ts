/** The SM4 master key of the test configuration; the template database's demo complainants are sealed with it. */
export const TEST_SM4_KEY = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
/** The HMAC-SM3 audit-chain key of the test configuration; the template's demo audit trail is chained with it. */
export const TEST_AUDIT_KEY = Buffer.from('a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90', 'hex');
/** Password of the application role (`liandong_app`) the tests connect as. */
export const TEST_APP_ROLE_PASSWORD = 'test-app-role-password';
