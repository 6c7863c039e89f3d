"""Drives the emulator with this machine's botocore, through AWS_ENDPOINT_URL_* only.

Prints one JSON object describing what botocore saw: results, and the error code and exception
class of each expected failure. The caller (botocore.test.ts) starts the emulator and checks it.
"""
import json
import os
import sys
import urllib.request

import botocore.session
from botocore.exceptions import ClientError

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"


def error_of(call):
    """Runs `call`, expecting a service error; returns its code and botocore's class name."""
    try:
        call()
    except ClientError as error:
        return {"code": error.response["Error"]["Code"], "class": type(error).__name__,
                "status": error.response["ResponseMetadata"]["HTTPStatusCode"]}
    return {"code": None, "class": None, "status": 200}


def approve(control_url, user_code):
    request = urllib.request.Request(
        control_url + "/approve", data=json.dumps({"userCode": user_code, "allow": True}).encode(),
        headers={"content-type": "application/json"}, method="POST")
    with urllib.request.urlopen(request) as response:
        return response.status


def main():
    start_url, control_url = sys.argv[1], sys.argv[2]
    region = os.environ["AWS_DEFAULT_REGION"]
    session = botocore.session.get_session()
    out = {}

    oidc = session.create_client("sso-oidc", region_name=region)
    client = oidc.register_client(clientName="rolecall-botocore", clientType="public", scopes=["sso:account:access"])
    device = oidc.start_device_authorization(
        clientId=client["clientId"], clientSecret=client["clientSecret"], startUrl=start_url)
    poll = lambda: oidc.create_token(  # noqa: E731
        clientId=client["clientId"], clientSecret=client["clientSecret"], grantType=DEVICE_GRANT,
        deviceCode=device["deviceCode"])
    out["pending"] = error_of(poll)
    out["approveStatus"] = approve(control_url, device["userCode"])
    token = poll()
    out["tokenType"] = token["tokenType"]
    out["hasRefreshToken"] = "refreshToken" in token
    refreshed = oidc.create_token(
        clientId=client["clientId"], clientSecret=client["clientSecret"], grantType="refresh_token",
        refreshToken=token["refreshToken"])
    out["reusedRefresh"] = error_of(lambda: oidc.create_token(
        clientId=client["clientId"], clientSecret=client["clientSecret"], grantType="refresh_token",
        refreshToken=token["refreshToken"]))
    out["badClient"] = error_of(lambda: oidc.start_device_authorization(
        clientId=client["clientId"], clientSecret="wrong", startUrl=start_url))
    access_token = refreshed["accessToken"]

    sso = session.create_client("sso", region_name=region)
    accounts = []
    for page in sso.get_paginator("list_accounts").paginate(accessToken=access_token, PaginationConfig={"PageSize": 2}):
        accounts.extend(page["accountList"])
    out["accounts"] = [a["accountId"] for a in accounts]
    account_id = accounts[0]["accountId"]
    roles = []
    for page in sso.get_paginator("list_account_roles").paginate(
            accessToken=access_token, accountId=account_id, PaginationConfig={"PageSize": 1}):
        roles.extend(page["roleList"])
    out["roles"] = [r["roleName"] for r in roles]
    creds = sso.get_role_credentials(accessToken=access_token, accountId=account_id, roleName=roles[0]["roleName"])["roleCredentials"]
    out["expiration"] = creds["expiration"]
    out["forbidden"] = error_of(lambda: sso.get_role_credentials(
        accessToken=access_token, accountId=account_id, roleName="NotAssigned"))
    out["unauthorized"] = error_of(lambda: sso.list_accounts(accessToken="not-a-token"))

    sts = session.create_client(
        "sts", region_name=region, aws_access_key_id=creds["accessKeyId"],
        aws_secret_access_key=creds["secretAccessKey"], aws_session_token=creds["sessionToken"])
    identity = sts.get_caller_identity()
    out["identity"] = {"Arn": identity["Arn"], "Account": identity["Account"], "UserId": identity["UserId"]}
    # Another last character, whatever the issued one is (one secret in dozens ends in "x").
    secret = creds["secretAccessKey"]
    wrong = session.create_client(
        "sts", region_name=region, aws_access_key_id=creds["accessKeyId"],
        aws_secret_access_key=secret[:-1] + ("y" if secret.endswith("x") else "x"), aws_session_token=creds["sessionToken"])
    out["wrongSecret"] = error_of(wrong.get_caller_identity)

    sso.logout(accessToken=access_token)
    out["afterLogout"] = error_of(lambda: sso.list_accounts(accessToken=access_token))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
