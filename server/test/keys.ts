/** The SM4 master key of the test configuration; the template database's demo complainants are sealed with it. */
export const TEST_SM4_KEY = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
