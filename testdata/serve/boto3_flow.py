"""A matchmaking flow against `flexsim serve` with boto3 (AWS JSON 1.1).

Usage: python3 boto3_flow.py ENDPOINT_URL RULE_SET_FILE

The server must run on a virtual clock that has not moved yet. The script
checks every answer itself (an assertion error is a failure, with its
message) and prints one JSON line at the end: the versions it ran with and
the operations it called. api/awscli_test.go runs it.
"""

import datetime
import json
import sys
import urllib.request

import boto3
import botocore
from botocore.config import Config

endpoint, rule_set_file = sys.argv[1], sys.argv[2]
calls = []


def admin(path, body=None):
    """Calls an operator endpoint under /_flexsim/ and decodes its answer."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(endpoint + path, data=data, method="GET" if data is None else "POST")
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.load(resp)


def advance(seconds):
    return admin("/_flexsim/clock/advance", {"seconds": seconds})["now"]


def call(name, **kwargs):
    """Calls operation name (snake_case) and checks the request ID header."""
    out = getattr(gl, name)(**kwargs)
    assert out["ResponseMetadata"]["HTTPStatusCode"] == 200, out["ResponseMetadata"]
    assert out["ResponseMetadata"]["RequestId"], "no x-amzn-RequestId"
    calls.append(name)
    return out


def expect_error(code, name, **kwargs):
    """Calls operation name, which must fail with the AWS error code."""
    try:
        getattr(gl, name)(**kwargs)
    except gl.exceptions.ClientError as e:
        err = e.response["Error"]
        assert err["Code"] == code, f"{name}: error {err['Code']}, want {code}"
        assert err["Message"], f"{name}: {code} without a message"
        assert isinstance(e, getattr(gl.exceptions, code)), f"{name}: {type(e).__name__}, want {code}"
        assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 400, e.response["ResponseMetadata"]
        calls.append(name)
        return err["Message"]
    raise AssertionError(f"{name} succeeded, want {code}")


def player(pid, skill):
    return {"PlayerId": pid, "PlayerAttributes": {"skill": {"N": skill}, "modes": {"SL": ["ranked", "casual"]}},
            "LatencyInMs": {"us-east-1": 40}}


def describe(*ids):
    out = call("describe_matchmaking", TicketIds=list(ids))["TicketList"]
    assert [t["TicketId"] for t in out] == list(ids), out
    return out


gl = boto3.client("gamelift", endpoint_url=endpoint, region_name="us-east-1",
                  aws_access_key_id="AKID", aws_secret_access_key="SECRET",
                  config=Config(retries={"max_attempts": 1}))
start = datetime.datetime.fromtimestamp(admin("/_flexsim/health")["now"], datetime.timezone.utc)
with open(rule_set_file) as f:
    body = f.read()

assert call("validate_matchmaking_rule_set", RuleSetBody=body)["Valid"] is True
msg = expect_error("InvalidRequestException", "validate_matchmaking_rule_set", RuleSetBody='{"ruleLanguageVersion": "1.0"}')
assert "teams" in msg, msg
rs = call("create_matchmaking_rule_set", Name="5v5-skill", RuleSetBody=body)["RuleSet"]
assert rs["RuleSetArn"].endswith(":matchmakingruleset/5v5-skill") and rs["CreationTime"] == start, rs

fleet = call("create_fleet", Name="game", EC2InstanceType="c5.large",
             RuntimeConfiguration={"ServerProcesses": [{"LaunchPath": "/game", "ConcurrentExecutions": 2}]})["FleetAttributes"]
assert fleet["Status"] == "ACTIVE" and fleet["CreationTime"] == start, fleet
queue = call("create_game_session_queue", Name="main", TimeoutInSeconds=60,
             Destinations=[{"DestinationArn": fleet["FleetArn"]}])["GameSessionQueue"]
cfg = call("create_matchmaking_configuration", Name="ranked-5v5", RuleSetName="5v5-skill",
           GameSessionQueueArns=[queue["GameSessionQueueArn"]], RequestTimeoutSeconds=120,
           AcceptanceRequired=True, AcceptanceTimeoutSeconds=10, FlexMatchMode="WITH_QUEUE")["Configuration"]
assert cfg["AcceptanceRequired"] is True and cfg["FlexMatchMode"] == "WITH_QUEUE", cfg

parties = {"red-party": [player(f"r{i}", 1000 + i) for i in range(5)],
           "blue-party": [player(f"b{i}", 1002 - i) for i in range(5)]}
for tid, players in parties.items():
    t = call("start_matchmaking", TicketId=tid, ConfigurationName="ranked-5v5", Players=players)["MatchmakingTicket"]
    assert t["Status"] == "QUEUED" and t["StartTime"] == start, t
    assert t["Players"] == players, t["Players"]
expect_error("InvalidRequestException", "start_matchmaking", TicketId="red-party", ConfigurationName="ranked-5v5",
             Players=[player("x", 1000)])

advance(1)
for t in describe(*parties):
    assert t["Status"] == "REQUIRES_ACCEPTANCE", t
for tid, players in parties.items():
    call("accept_match", TicketId=tid, PlayerIds=[p["PlayerId"] for p in players], AcceptanceType="ACCEPT")
for _ in range(10):
    advance(1)
    tickets = describe(*parties)
    if all(t["Status"] == "COMPLETED" for t in tickets):
        break
teams = {}
for t in tickets:
    assert t["Status"] == "COMPLETED", t
    assert t["EndTime"] > t["StartTime"] == start, t
    conn = t["GameSessionConnectionInfo"]
    assert conn["GameSessionArn"].startswith("arn:aws:gamelift:us-east-1::gamesession/"), conn
    assert conn["IpAddress"] and conn["Port"] > 0, conn
    sessions = conn["MatchedPlayerSessions"]
    assert sorted(s["PlayerId"] for s in sessions) == sorted(p["PlayerId"] for p in parties[t["TicketId"]]), sessions
    assert all(s["PlayerSessionId"].startswith("psess-") for s in sessions), sessions
    teams[t["TicketId"]] = {p["Team"] for p in t["Players"]}
assert tickets[0]["GameSessionConnectionInfo"]["GameSessionArn"] == tickets[1]["GameSessionConnectionInfo"]["GameSessionArn"]
assert sorted(map(sorted, teams.values())) == [["blue"], ["red"]], teams

t = call("start_matchmaking", ConfigurationName="ranked-5v5", Players=[player("late", 1000)])["MatchmakingTicket"]
call("stop_matchmaking", TicketId=t["TicketId"])
assert describe(t["TicketId"])[0]["Status"] == "CANCELLED"
expect_error("NotFoundException", "stop_matchmaking", TicketId="no-such-ticket")
expect_error("NotFoundException", "start_matchmaking", ConfigurationName="no-such-configuration", Players=[player("x", 1)])

print(json.dumps({"boto3": boto3.__version__, "botocore": botocore.__version__, "calls": calls}))
