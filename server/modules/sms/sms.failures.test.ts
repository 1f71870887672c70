import { describe, expect, it } from 'vitest';
import { aliyunFailure } from './sms.aliyun';
import { tencentFailure } from './sms.tencent';

describe('provider error codes → failure kinds', () => {
  it.each([
    ['isv.AMOUNT_NOT_ENOUGH', 'quota'],
    ['isv.OUT_OF_SERVICE', 'quota'],
    ['isv.SMS_SIGNATURE_ILLEGAL', 'template'],
    ['isv.TEMPLATE_MISSING_PARAMETERS', 'template'],
    ['isv.BUSINESS_LIMIT_CONTROL', 'throttled'],
    ['isv.MOBILE_NUMBER_ILLEGAL', 'phone'],
    ['SignatureDoesNotMatch', 'credentials'],
    ['InvalidAccessKeyId.Inactive', 'credentials'],
    ['isp.SYSTEM_ERROR', 'unavailable'],
    ['ServiceUnavailable', 'unavailable'],
    ['isv.SOMETHING_NEW', 'unavailable'],
  ])('Alibaba Cloud %s is %s', (code, failure) => expect(aliyunFailure(code)).toBe(failure));

  it.each([
    ['FailedOperation.InsufficientBalanceInSmsPackage', 'quota'],
    ['UnauthorizedOperation.ServiceSuspendDueToArrears', 'quota'],
    ['FailedOperation.SignatureIncorrectOrUnapproved', 'template'],
    ['FailedOperation.TemplateParamSetNotMatchApprovedTemplate', 'template'],
    ['LimitExceeded.PhoneNumberThirtySecondLimit', 'throttled'],
    ['LimitExceeded.DeliveryFrequencyLimit', 'throttled'],
    ['RequestLimitExceeded', 'throttled'],
    ['InvalidParameterValue.IncorrectPhoneNumber', 'phone'],
    ['AuthFailure.SignatureExpire', 'credentials'],
    ['UnauthorizedOperation.SmsSdkAppIdVerifyFail', 'credentials'],
    ['InvalidParameterValue.SdkAppIdNotExist', 'credentials'],
    ['InternalError.Timeout', 'unavailable'],
    ['FailedOperation', 'unavailable'],
  ])('Tencent Cloud %s is %s', (code, failure) => expect(tencentFailure(code)).toBe(failure));
});
